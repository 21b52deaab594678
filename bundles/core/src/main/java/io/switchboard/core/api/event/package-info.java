/**
 * Event types: what event-source bundles contribute to the catalogue (whiteboard {@link EventTypeProvider} services,
 * which the event-type extender registers for every {@code event-types/<id>/} folder of a bundle).
 *
 * <p>2.0: LivePerson's contracts (issue 11): a definition names its selection rule, retries, result delivery and
 * result schema; the skill comes from the caller, no longer from a pointer into the payload.
 */
@Export
@Version("2.0.0")
package io.switchboard.core.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
