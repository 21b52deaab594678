package io.switchboard.templates.internal;

/** A template file that cannot enter the catalogue; the message says what is wrong and how to fix it. */
public final class TemplateRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public TemplateRejectedException(String message) {
        super(message, null, false, false);
    }
}
