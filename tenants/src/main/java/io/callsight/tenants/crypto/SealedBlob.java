package io.callsight.tenants.crypto;

import io.callsight.tenants.TenantId;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A sealed blob: self-describing, so a file on its own says whose it is, which call it belongs to and which key
 * version opens it. Big-endian layout, format 1:
 *
 * <pre>
 *   magic        4  "CSEB"
 *   format       1  1
 *   tenant len   1  then the tenant id (ASCII, 1-63 bytes)
 *   context len  2  then the context, e.g. the call id (UTF-8, 1-1024 bytes)
 *   KEK version  4  the tenant key version that wraps the data key
 *   wrapped len  2  then the data key wrapped by that KEK: iv(12) || AES-GCM(32-byte key) || tag(16)
 *                   AAD = ("callsight/data-key/v1", tenant, context, KEK version)
 *   payload iv   12
 *   payload      rest: AES-256-GCM ciphertext || tag(16) under the data key,
 *                   AAD = ("callsight/payload/v1", tenant, context)
 * </pre>
 *
 * The payload AAD leaves out the KEK version and wrapped key on purpose: re-wrapping changes only those, so a
 * rotation never re-encrypts the payload.
 */
public final class SealedBlob {
    static final byte[] MAGIC = {'C', 'S', 'E', 'B'};
    public static final int FORMAT = 1;
    public static final int MAX_CONTEXT_BYTES = 1024;
    private static final int MAX_WRAPPED_BYTES = 4096;

    /** Everything before the payload ciphertext. */
    public record Header(String tenant, String context, int kekVersion, byte[] wrappedDataKey, byte[] payloadIv) {
        /** The header bytes exactly as they appear at the start of the blob. */
        public byte[] encode() {
            ByteArrayOutputStream b = new ByteArrayOutputStream(64 + context.length() + wrappedDataKey.length);
            try (DataOutputStream out = new DataOutputStream(b)) {
                byte[] t = tenant.getBytes(StandardCharsets.US_ASCII);
                byte[] c = context.getBytes(StandardCharsets.UTF_8);
                out.write(MAGIC);
                out.writeByte(FORMAT);
                out.writeByte(t.length);
                out.write(t);
                out.writeShort(c.length);
                out.write(c);
                out.writeInt(kekVersion);
                out.writeShort(wrappedDataKey.length);
                out.write(wrappedDataKey);
                out.write(payloadIv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return b.toByteArray();
        }

        @Override
        public String toString() {
            return "Header[tenant=" + tenant + ", context=" + context + ", kekVersion=" + kekVersion + "]";
        }
    }

    private final Header header;
    private final byte[] bytes;
    private final int payloadOffset;

    private SealedBlob(Header header, byte[] bytes, int payloadOffset) {
        this.header = header;
        this.bytes = bytes;
        this.payloadOffset = payloadOffset;
    }

    static SealedBlob of(Header header, byte[] ciphertext) {
        byte[] h = header.encode();
        byte[] all = Arrays.copyOf(h, h.length + ciphertext.length);
        System.arraycopy(ciphertext, 0, all, h.length, ciphertext.length);
        return new SealedBlob(header, all, h.length);
    }

    /** Reads the header (and checks the layout) without decrypting anything. */
    public static SealedBlob parse(byte[] sealed) throws TamperedException {
        ByteBuffer in = ByteBuffer.wrap(sealed);
        try {
            Header h = header(in);
            if (in.remaining() < AesGcm.TAG_BYTES) {
                throw new TamperedException(TamperedException.Reason.TRUNCATED,
                        "sealed blob ends inside its payload (" + in.remaining() + " bytes after the header, at least "
                                + AesGcm.TAG_BYTES + " needed)");
            }
            return new SealedBlob(h, sealed.clone(), in.position());
        } catch (BufferUnderflowException e) {
            throw new TamperedException(TamperedException.Reason.TRUNCATED,
                    "sealed blob ends inside its header (" + sealed.length + " bytes)");
        }
    }

    /** Reads just the header from a stream, leaving it at the payload. */
    public static Header readHeader(InputStream in) throws TamperedException, IOException {
        // fixed part up to the context length, then the variable fields; read exactly what the layout says
        byte[] start = readExactly(in, MAGIC.length + 2);
        checkMagicAndFormat(ByteBuffer.wrap(start));
        int tenantLen = start[MAGIC.length + 1] & 0xff;
        byte[] tenantAndCtxLen = readExactly(in, tenantLen + 2);
        int ctxLen = ((tenantAndCtxLen[tenantLen] & 0xff) << 8) | (tenantAndCtxLen[tenantLen + 1] & 0xff);
        if (ctxLen > MAX_CONTEXT_BYTES) {
            throw malformed("context of " + ctxLen + " bytes");
        }
        byte[] ctxAndVersionAndWrappedLen = readExactly(in, ctxLen + 4 + 2);
        int wrappedLen = ((ctxAndVersionAndWrappedLen[ctxLen + 4] & 0xff) << 8) | (ctxAndVersionAndWrappedLen[ctxLen + 5] & 0xff);
        if (wrappedLen > MAX_WRAPPED_BYTES) {
            throw malformed("wrapped data key of " + wrappedLen + " bytes");
        }
        byte[] rest = readExactly(in, wrappedLen + AesGcm.IV_BYTES);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(start);
        all.write(tenantAndCtxLen);
        all.write(ctxAndVersionAndWrappedLen);
        all.write(rest);
        try {
            return header(ByteBuffer.wrap(all.toByteArray()));
        } catch (BufferUnderflowException e) {
            throw new TamperedException(TamperedException.Reason.TRUNCATED, "sealed stream ends inside its header");
        }
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException, TamperedException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new TamperedException(TamperedException.Reason.TRUNCATED, "sealed stream ends inside its header",
                    new EOFException());
        }
        return b;
    }

    private static void checkMagicAndFormat(ByteBuffer in) throws TamperedException {
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new TamperedException(TamperedException.Reason.BAD_MAGIC,
                    "not a sealed blob (it does not start with the CSEB magic)");
        }
        int format = in.get() & 0xff;
        if (format != FORMAT) {
            throw new TamperedException(TamperedException.Reason.UNSUPPORTED_FORMAT,
                    "sealed blob format " + format + " is not supported (this version reads format " + FORMAT + ")");
        }
    }

    private static Header header(ByteBuffer in) throws TamperedException {
        checkMagicAndFormat(in);
        int tenantLen = in.get() & 0xff;
        String tenant = ascii(in, tenantLen);
        if (!TenantId.isValid(tenant)) {
            throw malformed("the tenant field is not a tenant id");
        }
        int ctxLen = in.getShort() & 0xffff;
        if (ctxLen == 0 || ctxLen > MAX_CONTEXT_BYTES) {
            throw malformed("context of " + ctxLen + " bytes");
        }
        byte[] ctx = new byte[ctxLen];
        in.get(ctx);
        String context;
        try {
            context = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(ctx)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the context is not UTF-8");
        }
        int version = in.getInt();
        if (version < 1) {
            throw malformed("key version " + version);
        }
        int wrappedLen = in.getShort() & 0xffff;
        if (wrappedLen < AesGcm.IV_BYTES + AesGcm.TAG_BYTES || wrappedLen > MAX_WRAPPED_BYTES) {
            throw malformed("wrapped data key of " + wrappedLen + " bytes");
        }
        byte[] wrapped = new byte[wrappedLen];
        in.get(wrapped);
        byte[] iv = new byte[AesGcm.IV_BYTES];
        in.get(iv);
        return new Header(tenant, context, version, wrapped, iv);
    }

    private static String ascii(ByteBuffer in, int len) {
        byte[] b = new byte[len];
        in.get(b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static TamperedException malformed(String what) {
        return new TamperedException(TamperedException.Reason.MALFORMED_HEADER, "sealed blob header is malformed: " + what);
    }

    public Header header() {
        return header;
    }

    public String tenant() {
        return header.tenant();
    }

    public String context() {
        return header.context();
    }

    public int kekVersion() {
        return header.kekVersion();
    }

    /** The whole blob, as stored (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Where the payload ciphertext starts in {@link #bytes()}. */
    public int payloadOffset() {
        return payloadOffset;
    }

    int payloadLength() {
        return bytes.length - payloadOffset;
    }

    byte[] rawBytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return "SealedBlob[" + header + ", " + bytes.length + " bytes]";
    }
}
