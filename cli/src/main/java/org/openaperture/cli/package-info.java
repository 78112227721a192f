/**
 * {@code oa}: the command-line client of the OpenAperture Manager. It speaks only the public REST API, with a
 * bearer token, so it needs nothing from the server's code.
 */
package org.openaperture.cli;
