package io.switchboard.templates.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/** Component property type for Gogo shell commands ({@code osgi.command.scope}, {@code osgi.command.function}). */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@interface GogoCommand {
    String PREFIX_ = "osgi.command.";

    String scope();

    String[] function();
}
