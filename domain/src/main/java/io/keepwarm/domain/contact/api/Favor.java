package io.keepwarm.domain.contact.api;

/** Whether an interaction was an ask (I asked them for help) or a give (I helped them). */
public enum Favor {
    NONE,
    ASKED,
    GAVE
}
