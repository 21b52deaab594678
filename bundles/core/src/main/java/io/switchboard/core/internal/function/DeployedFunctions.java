package io.switchboard.core.internal.function;

import java.util.List;
import java.util.Optional;

/** What dispatch asks the function store: which deployed versions run for an event or a direct call. */
public interface DeployedFunctions {

    /**
     * The account's productive functions bound to the event for the skill, by LivePerson's rule: those that list the
     * skill, else those without skills ("Default"); with no skill given (null), those without skills.
     */
    List<DeployedFunction> selectFor(String account, String eventTypeId, String skill);

    /** Every productive function of the account bound to the event. */
    List<DeployedFunction> bound(String account, String eventTypeId);

    /** The deployed version of the account's function with that id or name. */
    Optional<DeployedFunction> deployed(String account, String functionRef);

    /** The account's function with that id or name as last saved, as version 0 (a draft run), deployed or not. */
    Optional<DeployedFunction> draft(String account, String functionRef);

    /** That version of the function, if the function is still deployed (async tasks run what was selected). */
    Optional<DeployedFunction> stillDeployed(String account, String functionId, int version);

    /** Told after the account's bindings changed (deploy, rollback, undeploy, rename, delete): forget what is cached. */
    void bindingsChanged(String account);

    /** The productive bindings of an account, or of every account when {@code account} is null. */
    List<Binding> bindings(String account);
}
