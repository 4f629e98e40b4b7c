package dev.petrel.wire.rfc7606;

import dev.petrel.wire.nlri.Ipv4;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw OPEN bytes: the fixed fields, then optional parameters written as given. Capabilities are collected into the
 * current Capabilities parameter (type 2) with explicit code, length and value, so lengths can disagree with values.
 */
final class OpenBytes {
    private record Param(int type, ByteArrayOutputStream value) {}

    private int version = 4;
    private int myAs = 65001;
    private int holdTime = 90;
    private String bgpId = "10.0.0.1";
    private final List<Param> params = new ArrayList<>();
    private int rawOptLen = -1;
    private byte[] rawOptional;
    private int messageLength = -1;

    private OpenBytes() {}

    /** Version 4, My AS 65001, hold time 90, BGP Identifier 10.0.0.1, no optional parameters. */
    static OpenBytes bare() {
        return new OpenBytes();
    }

    /** As {@link #bare()} with Multiprotocol IPv4 unicast and 4-octet AS 65001 in one Capabilities parameter. */
    static OpenBytes standard() {
        return bare().capability(1, "00010001").capability(65, "0000fde9");
    }

    OpenBytes version(int v) {
        version = v;
        return this;
    }

    OpenBytes myAs(int v) {
        myAs = v;
        return this;
    }

    OpenBytes holdTime(int v) {
        holdTime = v;
        return this;
    }

    OpenBytes bgpId(String v) {
        bgpId = v;
        return this;
    }

    /** Adds a capability to the current Capabilities parameter (starting one when there is none). */
    OpenBytes capability(int code, String valueHex) {
        return capabilityDeclared(code, UpdateBytes.hex(valueHex).length, valueHex);
    }

    /** Adds a capability whose length octet says {@code declared}, whatever the value holds. */
    OpenBytes capabilityDeclared(int code, int declared, String valueHex) {
        if (params.isEmpty() || params.get(params.size() - 1).type() != 2) {
            newCapabilityParameter();
        }
        ByteArrayOutputStream v = params.get(params.size() - 1).value();
        v.write(code);
        v.write(declared);
        v.writeBytes(UpdateBytes.hex(valueHex));
        return this;
    }

    /** Starts another Capabilities parameter: later capabilities go there. */
    OpenBytes newCapabilityParameter() {
        params.add(new Param(2, new ByteArrayOutputStream()));
        return this;
    }

    /** An optional parameter of any type, as given. */
    OpenBytes parameter(int type, String valueHex) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.writeBytes(UpdateBytes.hex(valueHex));
        params.add(new Param(type, v));
        return this;
    }

    /** Replaces everything from Opt Param Len on: the length octet and the raw octets that follow it. */
    OpenBytes rawOptionalParameters(int optLen, String hex) {
        rawOptLen = optLen;
        rawOptional = UpdateBytes.hex(hex);
        return this;
    }

    OpenBytes messageLength(int n) {
        messageLength = n;
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version);
        body.write(myAs >>> 8);
        body.write(myAs);
        body.write(holdTime >>> 8);
        body.write(holdTime);
        int id = Ipv4.parse(bgpId);
        for (int i = 0; i < 4; i++) {
            body.write(id >>> (24 - 8 * i));
        }
        if (rawOptional != null) {
            body.write(rawOptLen);
            body.writeBytes(rawOptional);
        } else {
            ByteArrayOutputStream opt = new ByteArrayOutputStream();
            for (Param p : params) {
                opt.write(p.type());
                opt.write(p.value().size());
                opt.writeBytes(p.value().toByteArray());
            }
            body.write(opt.size());
            body.writeBytes(opt.toByteArray());
        }
        return Wire.message(1, body.toByteArray(), messageLength);
    }
}
