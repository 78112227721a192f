/**
 * The Overseer's rules: when a component may be upgraded, what an upgrade runs and how far it got
 * (components.md §8.4), and what the health of a cluster says (§8.5). No container, no database.
 */
package org.openaperture.overseer.domain;
