/** System components, their source refs and system events: what runs where, and what operators should know. */
package org.openaperture.system.domain;
