package io.switchboard.core.api.dispatch;

/**
 * One reason a payload was refused.
 *
 * @param field JSON pointer of the offending field ({@code ""} for the whole document)
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
