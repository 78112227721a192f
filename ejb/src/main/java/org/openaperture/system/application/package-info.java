/** Use cases over system components, refs and events (create, upgrade, raise, assign, dismiss). */
package org.openaperture.system.application;
