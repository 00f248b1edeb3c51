package org.gigaplan.plan.model;

import java.util.List;
import java.util.Objects;

/**
 * A scene-based device-use target (場面ごとの端末活用目標): in this scene, the 1:1 device is used at least
 * {@code timesPerWeek} times a week, in schools of the given types.
 */
public record SceneTarget(int number, LocalizedText scene, LocalizedText text, int timesPerWeek,
        List<SchoolType> schoolTypes) {

    public SceneTarget {
        Objects.requireNonNull(scene, "scene");
        schoolTypes = schoolTypes == null ? List.of() : List.copyOf(schoolTypes);
    }
}
