package io.switchboard.core.internal.event;

import java.util.Collection;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.api.function.LimitBreach;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.function.Binding;
import io.switchboard.core.internal.function.FunctionRepository;
import io.switchboard.core.internal.function.LimitRules;

/** Reports accounts holding more productive functions than a limit in force allows; never undeploys anything. */
@Component(service = LimitAuditor.class)
public class LimitAuditor {

    private static final Logger LOG = LoggerFactory.getLogger(LimitAuditor.class);

    private final Database database;
    private final FunctionRepository repository = new FunctionRepository();

    @Activate
    public LimitAuditor(@Reference Database database) {
        this.database = database;
    }

    /** Logs a warning per breach and returns them. */
    public List<LimitBreach> audit(Collection<EventTypeView> events) {
        List<Binding> bindings = database.withConnection("read all bindings", c -> repository.allBindings(c, null));
        List<LimitBreach> breaches = events.stream().flatMap(event -> bindings.stream()
                        .filter(b -> b.eventType().equals(event.definition().id()))
                        .map(Binding::account).distinct()
                        .flatMap(account -> LimitRules.breaches(event, account, bindings.stream()
                                .filter(b -> b.account().equals(account) && b.eventType().equals(event.definition().id())).toList())
                                .stream()))
                .toList();
        breaches.forEach(b -> LOG.warn("Account {} has {} productive functions for event '{}'{} but the limit is now {}: {}. "
                        + "Nothing was undeployed; undeploy some to comply.", b.account(), b.holders().size(), b.eventTypeId(),
                b.skill() == null ? "" : " skill '" + b.skill() + "'", b.limit(), String.join(", ", b.holders())));
        return breaches;
    }
}
