/** What operators read about the API itself: request metrics per route and the OpenAPI document. */
package org.openaperture.manager.interfaces.observability;
