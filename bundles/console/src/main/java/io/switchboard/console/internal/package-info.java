/** The web console's servlet; not exported. */
package io.switchboard.console.internal;
