package org.openaperture.manager.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The Manager API has no prefix: {@code /messaging/brokers}, {@code /messaging/exchanges}, ... */
@ApplicationPath("/")
public class ManagerApplication extends Application {}
