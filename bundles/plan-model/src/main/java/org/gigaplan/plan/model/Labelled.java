package org.gigaplan.plan.model;

/**
 * A value with a name for people, in Japanese and English: an enum implementing it is read by {@link EnumText} from
 * its code or its Japanese label (週3回以上 as well as THREE_PLUS_A_WEEK), as schools type them in forms and files.
 */
public interface Labelled {

    LocalizedText label();
}
