/**
 * The web console: static pages under {@code /console/}, served by the application itself; every call they
 * make to the API carries the signed-in person's bearer token.
 */
package org.openaperture.manager.interfaces.console;
