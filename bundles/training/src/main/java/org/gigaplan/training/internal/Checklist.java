package org.gigaplan.training.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.model.LocalizedText;

/**
 * MEXT's teacher ICT instruction-skill checklist (教員のICT活用指導力チェックリスト): four categories A–D of four items
 * each, shipped as data ({@value #RESOURCE}) in Japanese and English.
 */
public record Checklist(String source, List<Category> categories) {

    public static final String RESOURCE = "checklist/mext-ict-checklist.csv";

    public record Category(String code, LocalizedText title, List<Item> items) {
    }

    public record Item(String code, String category, LocalizedText text) {
    }

    public Checklist {
        categories = List.copyOf(categories);
    }

    public List<Item> items() {
        return categories.stream().flatMap(c -> c.items().stream()).toList();
    }

    public Optional<Item> item(String code) {
        return items().stream().filter(i -> i.code().equalsIgnoreCase(code == null ? "" : code.trim())).findFirst();
    }

    public Optional<Category> category(String code) {
        return categories.stream().filter(c -> c.code().equalsIgnoreCase(code == null ? "" : code.trim())).findFirst();
    }

    /** Reads the shipped checklist: rows {@code code,ja,en}, a category (A) before its items (A-1…). */
    public static Checklist shipped() {
        try (InputStream in = Checklist.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            // The shipped file's notes are comment lines (#), which uploads never have: they go before parsing.
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#"))
                    .collect(Collectors.joining("\n"));
            Map<String, LocalizedText> titles = new LinkedHashMap<>();
            Map<String, List<Item>> items = new LinkedHashMap<>();
            String source = "";
            for (CsvTable.Row r : CsvTable.parse(text).rows()) {
                String code = r.get("code");
                LocalizedText label = LocalizedText.of(r.get("ja"), r.get("en"));
                if (code.equals("source")) {
                    source = r.get("en");
                } else if (code.length() == 1) {
                    titles.put(code, label);
                    items.put(code, new ArrayList<>());
                } else {
                    String category = code.substring(0, 1);
                    items.get(category).add(new Item(code, category, label));
                }
            }
            List<Category> categories = new ArrayList<>();
            titles.forEach((code, title) -> categories.add(new Category(code, title, List.copyOf(items.get(code)))));
            return new Checklist(source, categories);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
