package io.switchboard.health.internal;

import io.switchboard.templates.api.TemplateCatalog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Check {@code template-rejections} (a warning): template files the catalogue refused, with the reason, until they are
 * fixed or removed. The other templates work, so the platform stays UP; before, they were visible only in the log and
 * {@code GET /api/v1/template-rejections}.
 */
@Component(service = HealthCheck.class, property = {HealthCheck.NAME + "=template-rejections", HealthCheck.TAGS + "=" + Tags.SWITCHBOARD})
public final class TemplateRejectionsCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile TemplateCatalog catalog;

    @Override
    public Result execute() {
        TemplateCatalog current = catalog;
        if (current == null) {
            return new Result(Result.Status.OK, "no template catalogue runs");
        }
        ResultLog log = new ResultLog();
        current.rejected().forEach(r -> log.add(new ResultLog.Entry(Result.Status.WARN,
                "template " + r.id() + " (" + r.source().kind().name().toLowerCase(java.util.Locale.ROOT) + " " + fileName(r.source().location()) + ") rejected: " + r.reason())));
        return log.iterator().hasNext() ? new Result(log) : new Result(Result.Status.OK, "no template is rejected");
    }

    /** The file's name only, as the API shows it: where the server keeps its files is nobody's business. */
    private static String fileName(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
