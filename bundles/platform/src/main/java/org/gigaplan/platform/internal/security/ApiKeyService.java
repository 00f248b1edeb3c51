package org.gigaplan.platform.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.platform.internal.store.ApiKeyStore;
import org.gigaplan.platform.internal.store.ApiKeyStore.StoredKey;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * API keys for machine clients (classroom software, speed-test agents, drill vendors), each bound to one
 * school with the agent role. A key is {@code gpk_<key id>_<secret>}: the id finds the key, the secret
 * proves it. The secret is 256 random bits, so a SHA-256 digest of it is safe to keep; it is shown once,
 * when the key is created, and stored nowhere.
 */
@Component(service = ApiKeyService.class)
public class ApiKeyService {

    /** A new key, with the only copy of its secret. */
    public record CreatedKey(String keyId, String key, String schoolId, String label, Instant createdAt) {
    }

    /** A key as it is listed: everything but the secret. */
    public record KeyInfo(String keyId, String schoolId, String label, Instant createdAt, String createdBy,
            Instant revokedAt, String revokedBy) {

        static KeyInfo of(StoredKey k) {
            return new KeyInfo(k.keyId(), k.schoolId(), k.label(), k.createdAt(), k.createdBy(), k.revokedAt(),
                    k.revokedBy());
        }

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    static final String PREFIX = "gpk_";
    private static final Pattern KEY = Pattern.compile(PREFIX + "([a-f0-9]{16})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyStore store;
    private final SchoolService schools;

    @Activate
    public ApiKeyService(@Reference PlatformDatabase database, @Reference SchoolService schools) {
        this.store = database.apiKeys();
        this.schools = schools;
    }

    public CreatedKey create(String schoolId, String label, String createdBy) {
        if (schoolId == null || schoolId.isBlank()) {
            throw new InvalidInputException("schoolId", "required: the school whose agent uses the key, such as S-E01",
                    "必須です（キーを使う学校、例: S-E01）");
        }
        if (schools.find(schoolId).isEmpty()) {
            throw new InvalidInputException("schoolId", "no school " + schoolId);
        }
        String name = label == null || label.isBlank() ? "agent" : label.strip();
        if (name.length() > 100) {
            throw new InvalidInputException("label", "at most 100 characters");
        }
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        String keyId = HexFormat.of().formatHex(id);
        String secretText = Secrets.random256();
        Instant now = Instant.now();
        store.insert(new StoredKey(keyId, Secrets.sha256(secretText), schoolId, name, now, createdBy, null, null));
        return new CreatedKey(keyId, PREFIX + keyId + "_" + secretText, schoolId, name, now);
    }

    /**
     * The demo agent's key, documented in the README: created for a sample school in demo mode only, never
     * otherwise. Its secret is public, so it is as good as no key anywhere but a demo.
     */
    public static final String DEMO_KEY = PREFIX + "de0de0de0de0de0d_" + "demo-agent-key-of-sample-school-S-E01-00000";
    static final String DEMO_SCHOOL = "S-E01";

    /** Who revokes the demo key when the installation leaves demo mode. */
    static final String LEFT_DEMO_MODE = "left demo mode";

    /**
     * Makes the demo agent's key work: creates it, or restores it when leaving demo mode revoked it (a key revoked by
     * someone stays revoked). False when there is no school for it.
     */
    public boolean ensureDemoKey() {
        String keyId = demoKeyId();
        Optional<StoredKey> existing = store.find(keyId);
        if (existing.isPresent()) {
            store.restore(keyId, LEFT_DEMO_MODE);
            return true;
        }
        if (schools.find(DEMO_SCHOOL).isEmpty()) {
            return false;
        }
        Matcher m = KEY.matcher(DEMO_KEY);
        m.matches();
        store.insert(new StoredKey(keyId, Secrets.sha256(m.group(2)), DEMO_SCHOOL, "demo agent", Instant.now(), "demo",
                null, null));
        return true;
    }

    /** Revokes the demo agent's key, whose secret the README publishes; false when it did not work anyway. */
    public boolean revokeDemoKey() {
        return store.revoke(demoKeyId(), Instant.now(), LEFT_DEMO_MODE);
    }

    /** Whether the demo agent's key logs in. */
    public boolean demoKeyWorks() {
        return authenticate(DEMO_KEY).isPresent();
    }

    private static String demoKeyId() {
        Matcher m = KEY.matcher(DEMO_KEY);
        if (!m.matches()) {
            throw new IllegalStateException("the demo key does not have the form of a key");
        }
        return m.group(1);
    }

    public List<KeyInfo> list(String schoolId) {
        return store.list(schoolId).stream().map(KeyInfo::of).toList();
    }

    /** Revokes a key for good; false when there is no working key of that id. */
    public boolean revoke(String keyId, String by) {
        return store.revoke(keyId, Instant.now(), by);
    }

    /** The agent a presented key stands for; empty for a malformed, unknown, wrong or revoked key. */
    public Optional<Caller> authenticate(String presented) {
        Matcher m = KEY.matcher(presented == null ? "" : presented.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return store.find(m.group(1))
                .filter(k -> k.revokedAt() == null)
                .filter(k -> MessageDigest.isEqual(k.secretSha256().getBytes(StandardCharsets.US_ASCII),
                        Secrets.sha256(m.group(2)).getBytes(StandardCharsets.US_ASCII)))
                .map(k -> new Caller("key:" + k.keyId() + " (" + k.label() + ")", Role.AGENT, k.schoolId()));
    }

}
