package io.switchboard.core.internal.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.api.function.FunctionLimitExceededException;
import io.switchboard.core.api.function.LimitBreach;

/**
 * The limit rule: an account may hold at most {@code limit} productive functions per event, counted per
 * skill for events that support skills, where a function without a skill filter counts against every skill.
 */
public final class LimitRules {

    /** The skill name reported for functions without a skill filter ("every skill"). */
    public static final String EVERY_SKILL = "*";

    private LimitRules() {
    }

    /**
     * Whether a function reacting to {@code candidateSkills} may join the {@code others} bound to the event.
     *
     * @param others the event's bindings in the account, without the candidate's own
     */
    public static Optional<FunctionLimitExceededException> checkDeploy(EventTypeView event, List<Binding> others, List<String> candidateSkills) {
        int limit = event.effectiveLimit();
        String eventId = event.definition().id();
        if (!event.definition().supportsSkills()) {
            return others.size() >= limit
                    ? Optional.of(new FunctionLimitExceededException(eventId, null, limit, names(others)))
                    : Optional.empty();
        }
        // A candidate without skills joins every skill: the ones in use and the "every skill" bucket.
        List<String> skills = candidateSkills.isEmpty() ? skillsInUse(others, true) : candidateSkills;
        for (String skill : skills) {
            List<Binding> holders = holders(others, skill);
            if (holders.size() >= limit) {
                return Optional.of(new FunctionLimitExceededException(eventId, skill, limit, names(holders)));
            }
        }
        return Optional.empty();
    }

    /** Where the event's bindings of one account exceed the limit now in force. */
    public static List<LimitBreach> breaches(EventTypeView event, String account, List<Binding> bindings) {
        int limit = event.effectiveLimit();
        String eventId = event.definition().id();
        List<LimitBreach> breaches = new ArrayList<>();
        if (!event.definition().supportsSkills()) {
            if (bindings.size() > limit) {
                breaches.add(new LimitBreach(account, eventId, null, limit, names(bindings)));
            }
            return breaches;
        }
        for (String skill : skillsInUse(bindings, true)) {
            List<Binding> holders = holders(bindings, skill);
            if (holders.size() > limit) {
                breaches.add(new LimitBreach(account, eventId, skill, limit, names(holders)));
            }
        }
        return breaches;
    }

    private static List<Binding> holders(List<Binding> bindings, String skill) {
        return bindings.stream()
                .filter(b -> EVERY_SKILL.equals(skill) ? b.skills().isEmpty() : b.covers(skill))
                .toList();
    }

    private static List<String> skillsInUse(List<Binding> bindings, boolean withEverySkill) {
        TreeSet<String> skills = new TreeSet<>();
        bindings.forEach(b -> skills.addAll(b.skills()));
        List<String> result = new ArrayList<>();
        if (withEverySkill) {
            result.add(EVERY_SKILL);
        }
        result.addAll(skills);
        return result;
    }

    private static List<String> names(List<Binding> bindings) {
        return bindings.stream().map(Binding::functionName).toList();
    }
}
