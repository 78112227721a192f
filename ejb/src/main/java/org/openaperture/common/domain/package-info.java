/**
 * Domain vocabulary shared by every part of OpenAperture: the exceptions that say what was wrong with a
 * request in words a person can act on, independent of how the request arrived (REST or AMQP), and the
 * sealed form in which secrets are stored.
 */
package org.openaperture.common.domain;
