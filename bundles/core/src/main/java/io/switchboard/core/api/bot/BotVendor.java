package io.switchboard.core.api.bot;

import java.util.Arrays;
import java.util.Optional;

/**
 * The vendor behind a Third-Party Bot, with LivePerson's name for it (the {@code vendor} of an error hook's payload).
 * Functions of a bot's pre and post hooks receive it as the header {@value Bot#VENDOR_HEADER}.
 */
public enum BotVendor {
    /** Google Dialogflow ES (V2 API). */
    DIALOGFLOW_V2("dialogflowv2"),
    /** A LivePerson Functions Custom Integration: the function is the bot. */
    FAAS("faas"),
    /** Amazon Lex. */
    LEX("lex"),
    /** Microsoft Bot Framework. */
    MICROSOFT("microsoft"),
    /** IBM Watson Assistant V1. */
    WATSON("watson"),
    /** IBM Watson Assistant V2. */
    WATSON_V2("watsonv2");

    private final String value;

    BotVendor(String value) {
        this.value = value;
    }

    /** LivePerson's name, e.g. {@code dialogflowv2}: what the API shows and accepts. */
    public String value() {
        return value;
    }

    /** The vendor with LivePerson's name {@code value} (case-insensitive), if any. */
    public static Optional<BotVendor> of(String value) {
        return Arrays.stream(values()).filter(v -> v.value.equalsIgnoreCase(value)).findFirst();
    }
}
