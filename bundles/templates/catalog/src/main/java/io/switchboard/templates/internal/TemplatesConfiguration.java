package io.switchboard.templates.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the template catalogue (PID {@value TemplateCatalogService#PID}). */
@ObjectClassDefinition(name = "Switchboard templates",
        description = "Where operators keep template files and how templates are checked.")
public @interface TemplatesConfiguration {

    @AttributeDefinition(name = "Template folder",
            description = "Folder of operator templates (*.js), watched while the platform runs; empty means "
                    + "<switchboard.deploy>/templates, i.e. deploy/templates of the installation.")
    String folder() default "";

    @AttributeDefinition(name = "Scan interval (ms)",
            description = "How often the folder is scanned besides the file-system events that report changes at once.", min = "10")
    long pollIntervalMillis() default 250;

    @AttributeDefinition(name = "Maximum template size (bytes)", description = "Larger template files are rejected.", min = "1")
    int maxTemplateBytes() default 65_536;

    @AttributeDefinition(name = "Check JavaScript syntax",
            description = "Parse each template's code with GraalJS (when available) and reject code that does not parse.")
    boolean checkSyntax() default true;
}
