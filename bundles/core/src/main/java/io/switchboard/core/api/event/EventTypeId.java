package io.switchboard.core.api.event;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/** Component property type naming the event type an {@link EventTypeProvider} contributes ({@value #NAME}). */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EventTypeId {

    /** The service property that carries the event type id. */
    String NAME = "switchboard.event.type.id";

    /** Prefix that turns the annotation name into {@value #NAME}. */
    String PREFIX_ = "switchboard.";

    /** The event type id. */
    String value();
}
