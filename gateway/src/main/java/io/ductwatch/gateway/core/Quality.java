package io.ductwatch.gateway.core;

/**
 * How far a reading can be trusted (DESIGN 1). Only {@link #OK} readings feed the alarm rules; any
 * other quality is a fault of the sensor, which is a TROUBLE condition of its own.
 */
public enum Quality {
    /** A value read and checked. */
    OK,
    /** The chip answered but its checksum did not match: the bytes are not to be believed. */
    CRC_ERROR,
    /** The chip did not answer: NACK on I2C, no 1-Wire device, a failed ADC read, no conversion. */
    NO_RESPONSE,
    /** A value outside what the sensor can report: a 4-20 mA loop fault, a cut or shorted line. */
    OUT_OF_RANGE,
    /** The value has not moved for longer than a working sensor in this duct would allow. */
    STUCK
}
