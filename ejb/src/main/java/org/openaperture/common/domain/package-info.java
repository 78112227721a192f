/**
 * Domain vocabulary shared by every part of OpenAperture: the exceptions that say what was wrong with a
 * request in words a person can act on, independent of how the request arrived (REST or AMQP).
 */
package org.openaperture.common.domain;
