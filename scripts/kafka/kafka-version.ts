/**
 * The Apache Kafka broker version for dev and CI. @platformatic/kafka 1.x supports brokers 3.5.0 to 4.1.0, edges
 * included; Kafka 4.x brokers need Java 17, which is what CI has. Changing it re-downloads the jars once.
 */
export const kafkaVersion = '4.1.0';
