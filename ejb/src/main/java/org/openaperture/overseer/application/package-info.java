/** The Overseer's use cases: turning module heartbeats into the register of running modules. */
package org.openaperture.overseer.application;
