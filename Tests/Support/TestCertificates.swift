import Foundation

/// A small public-key infrastructure made with Debian's `openssl` command for one test, in a
/// temporary folder: a CA, a server certificate for 127.0.0.1 and a client certificate signed by
/// it (the client's key encrypted with ``clientKeyPassword``), and a second, unrelated CA.
public final class TestCertificates {
    /// The folder holding every file.
    public let directory: URL
    /// The password of ``clientKey``.
    public static let clientKeyPassword = "geheim-123"

    /// Makes every file; throws when `openssl` fails.
    public init() throws {
        directory = TestFolder.run.appendingPathComponent("rathaus-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in ["ca", "other-ca"] {
            try openssl(
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "\(name).key",
                "-out", "\(name).pem", "-days", "2", "-subj", "/CN=Rathaus Test \(name)", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        }
        for (name, usage) in [("server", "serverAuth"), ("client", "clientAuth")] {
            try openssl(
                "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "\(name).key",
                "-out", "\(name).csr", "-subj", "/CN=rathaus-\(name)")
            let extensions = """
                basicConstraints=CA:FALSE
                subjectAltName=IP:127.0.0.1
                authorityKeyIdentifier=keyid
                subjectKeyIdentifier=hash
                extendedKeyUsage=\(usage)

                """
            try Data(extensions.utf8).write(to: directory.appendingPathComponent("\(name).ext"))
            try openssl(
                "x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-out", "\(name).pem", "-extfile", "\(name).ext")
        }
        try openssl("pkey", "-in", "client.key", "-aes256", "-passout", "pass:\(Self.clientKeyPassword)", "-out", "client-encrypted.key")
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The CA that signed the server and client certificates.
    public var ca: String { path("ca.pem") }
    /// A CA that signed neither.
    public var otherCA: String { path("other-ca.pem") }
    /// The server's certificate (subjectAltName IP:127.0.0.1).
    public var serverCertificate: String { path("server.pem") }
    /// The server's key.
    public var serverKey: String { path("server.key") }
    /// The client's certificate.
    public var clientCertificate: String { path("client.pem") }
    /// The client's key, encrypted with ``clientKeyPassword``.
    public var clientKey: String { path("client-encrypted.key") }

    /// The arguments that make `Tests/Delivery/receiver.py` serve https with the server certificate,
    /// and, when `requiringClientCertificate`, require a client certificate signed by the CA.
    public func receiverArguments(requiringClientCertificate: Bool = false) -> [String] {
        ["--tls-cert", serverCertificate, "--tls-key", serverKey] + (requiringClientCertificate ? ["--client-ca", ca] : [])
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func openssl(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(
                .executableLoad,
                userInfo: [NSLocalizedDescriptionKey: "openssl \(arguments.joined(separator: " ")): \(String(decoding: message, as: UTF8.self))"])
        }
    }
}
