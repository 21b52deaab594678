package io.switchboard.executor.toolbelt;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type naming a toolbelt module: {@code @ToolbeltModuleName("CrmClient")} on a DS
 * component that provides {@link ToolbeltModule} sets {@value ToolbeltModule#NAME_PROPERTY}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ToolbeltModuleName {

    /** Prefix that makes the property name {@value ToolbeltModule#NAME_PROPERTY}. */
    String PREFIX_ = "switchboard.";

    /** The member name on the toolbelt object: a JavaScript identifier such as {@code HTTPClient}. */
    String value();
}
