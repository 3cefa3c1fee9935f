#if canImport(Glibc)
import Glibc
#endif
import COpenSSL

/// The server's TLS configuration: certificate and key, TLS 1.2–1.3 only with OpenSSL's default
/// ciphers, ALPN `h2` and `http/1.1`. An `SSL_CTX` may be shared by all threads once configured; each
/// connection's `TLSSession` is made from it.
public final class TLSContext: @unchecked Sendable {
    let context: OpaquePointer
    /// The certificate's SHA-256 fingerprint, colon-separated hex (as `openssl x509 -fingerprint`).
    public let fingerprint: String

    private init(context: OpaquePointer, certificate: OpaquePointer) {
        self.context = context
        fingerprint = Self.sha256Fingerprint(certificate)
    }

    deinit { SSL_CTX_free(context) }

    /// Loads a PEM certificate (chain) and its PEM private key.
    public static func load(certificateFile: String, keyFile: String) throws(TLSSetupError) -> TLSContext {
        for file in [certificateFile, keyFile] where access(file, R_OK) != 0 {
            throw TLSSetupError("cannot read \(file): \(String(cString: strerror(errno)))")
        }
        let context = try makeContext()
        OpenSSLErrors.clear()
        guard SSL_CTX_use_certificate_chain_file(context, certificateFile) == 1, let certificate = SSL_CTX_get0_certificate(context)
        else {
            SSL_CTX_free(context)
            throw TLSSetupError("\(certificateFile) is not a PEM certificate (\(OpenSSLErrors.drain()))")
        }
        // Installing the key also checks it against the certificate.
        guard SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) == 1 else {
            SSL_CTX_free(context)
            let reason = OpenSSLErrors.drain()
            if reason.contains("mismatch") {
                throw TLSSetupError("\(keyFile) does not match the certificate in \(certificateFile)")
            }
            throw TLSSetupError("\(keyFile) is not a PEM private key (\(reason))")
        }
        return TLSContext(context: context, certificate: certificate)
    }

    /// An ephemeral certificate for `localhost`, 127.0.0.1 and ::1 (P-256, 30 days), made in
    /// memory so HTTPS can be tried with one flag. Clients must be told to trust it (`curl -k`).
    public static func selfSigned() throws(TLSSetupError) -> TLSContext {
        OpenSSLErrors.clear()
        guard let key = copenssl_generate_p256_key() else { throw TLSSetupError("cannot generate a key: \(OpenSSLErrors.drain())") }
        defer { EVP_PKEY_free(key) }
        guard let certificate = X509_new() else { throw TLSSetupError("cannot allocate a certificate") }
        defer { X509_free(certificate) }
        var serial: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &serial) { RAND_bytes($0.baseAddress, 8) }
        let name = X509_get_subject_name(certificate)
        var extensionContext = X509V3_CTX()
        X509V3_set_ctx(&extensionContext, certificate, certificate, nil, nil, 0)
        let alternativeNames = X509V3_EXT_conf_nid(nil, &extensionContext, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1")
        defer { X509_EXTENSION_free(alternativeNames) }
        guard X509_set_version(certificate, 2) == 1,  // v3, for the subjectAltName extension
              ASN1_INTEGER_set_uint64(X509_get_serialNumber(certificate), serial >> 1) == 1,
              X509_gmtime_adj(X509_getm_notBefore(certificate), -60) != nil,
              X509_gmtime_adj(X509_getm_notAfter(certificate), 30 * 86_400) != nil,
              X509_set_pubkey(certificate, key) == 1,
              X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, "localhost", -1, -1, 0) == 1,
              X509_set_issuer_name(certificate, name) == 1,
              alternativeNames != nil, X509_add_ext(certificate, alternativeNames, -1) == 1,
              X509_sign(certificate, key, EVP_sha256()) > 0
        else { throw TLSSetupError("cannot make a self-signed certificate: \(OpenSSLErrors.drain())") }
        let context = try makeContext()
        guard SSL_CTX_use_certificate(context, certificate) == 1, SSL_CTX_use_PrivateKey(context, key) == 1,
              let installed = SSL_CTX_get0_certificate(context)
        else {
            SSL_CTX_free(context)
            throw TLSSetupError("cannot install the self-signed certificate: \(OpenSSLErrors.drain())")
        }
        return TLSContext(context: context, certificate: installed)
    }

    private static func makeContext() throws(TLSSetupError) -> OpaquePointer {
        OpenSSLErrors.clear()
        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw TLSSetupError("cannot create a TLS context: \(OpenSSLErrors.drain())")
        }
        guard copenssl_ctx_set_protocol_range(context) == 1 else {
            SSL_CTX_free(context)
            throw TLSSetupError("cannot limit TLS to 1.2–1.3: \(OpenSSLErrors.drain())")
        }
        copenssl_ctx_set_options(context)
        copenssl_ctx_advertise_protocols(context)
        return context
    }

    private static func sha256Fingerprint(_ certificate: OpaquePointer) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(certificate, EVP_sha256(), &digest, &length) == 1 else { return "unknown" }
        return digest[..<Int(length)].map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + hex : hex
        }.joined(separator: ":")
    }
}
