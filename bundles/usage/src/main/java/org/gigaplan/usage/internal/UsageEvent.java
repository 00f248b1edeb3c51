package org.gigaplan.usage.internal;

import java.time.OffsetDateTime;

/**
 * One use of a 1:1 device in a lesson, as classroom support software reports it.
 *
 * @param schoolId  the class's school; an agent's key or a school user implies it
 * @param grade     the class's grade
 * @param className the class within its grade
 * @param at        when, with its offset
 * @param scene     scene number (1–5)
 * @param app       the software reporting it
 * @param device    the device, optional
 */
public record UsageEvent(String schoolId, Integer grade, String className, OffsetDateTime at, Integer scene,
        String app, String device) {
}
