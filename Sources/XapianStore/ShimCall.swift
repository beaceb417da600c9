internal import CXapianShim

/// Runs one shim call and turns a failure status into a thrown `XapianError`.
///
/// The single place where a `cx_error` becomes a Swift error (like swift-system's
/// `valueOrErrno` and NIO's `syscall`): every wrapper in this module calls through here.
/// - Parameters:
///   - operation: what Dossier was doing, for the error message (evaluated only on failure).
///   - body: the shim call, given the error record to fill.
@inline(__always)
func check(_ operation: @autoclosure () -> String, _ body: (UnsafeMutablePointer<cx_error>) -> Int32) throws(XapianError) {
    var error = cx_error(code: 0, type: nil, message: nil, system_error: nil)
    let status = body(&error)
    guard status != 0 else { return }
    defer { cx_error_clear(&error) }
    throw XapianError.classifying(
        family: XapianError.Code(rawValue: status) ?? .other,
        xapianType: error.type.map { String(cString: $0) } ?? "unknown",
        message: error.message.map { String(cString: $0) } ?? "",
        systemError: error.system_error.map { String(cString: $0) },
        operation: operation())
}

/// Passes a string's UTF-8 bytes to C as (pointer, length) without copying native strings.
@inline(__always)
func withBytes<R>(_ string: String, _ body: (UnsafePointer<CChar>?, Int) throws(XapianError) -> R) throws(XapianError) -> R {
    var copy = string
    // withUTF8 rethrows untyped errors, so the typed error travels out as a Result.
    let result: Result<R, XapianError> = copy.withUTF8 { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
            do throws(XapianError) {
                return .success(try body(chars.baseAddress, chars.count))
            } catch {
                return .failure(error)
            }
        }
    }
    return try result.get()
}

/// Takes ownership of a string the shim malloc'ed: copies it into Swift (repairing invalid
/// UTF-8) and frees the C buffer.
@inline(__always)
func takeString(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> String {
    guard let pointer else { return "" }
    defer { cx_free(pointer) }
    return String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
}

/// Calls a shim function that returns a malloc'ed string through out-parameters.
@inline(__always)
func fetchString(
    _ operation: @autoclosure () -> String,
    _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, UnsafeMutablePointer<Int>, UnsafeMutablePointer<cx_error>) -> Int32
) throws(XapianError) -> String {
    var out: UnsafeMutablePointer<CChar>? = nil
    var length = 0
    try check(operation()) { body(&out, &length, $0) }
    return takeString(out, length)
}

/// Collects (term, frequency) pairs from a shim enumeration.
final class TermCollector {
    var items: [(String, Int)] = []
    static let visitor: cx_term_visitor = { context, term, length, frequency in
        let me = Unmanaged<TermCollector>.fromOpaque(context!).takeUnretainedValue()
        let text = String(decoding: UnsafeRawBufferPointer(start: term, count: length), as: UTF8.self)
        me.items.append((text, Int(frequency)))
    }
}

/// Collects (key, value) pairs from a shim metadata enumeration.
final class MetadataCollector {
    var items: [(String, String)] = []
    static let visitor: cx_metadata_visitor = { context, key, keyLength, value, valueLength in
        let me = Unmanaged<MetadataCollector>.fromOpaque(context!).takeUnretainedValue()
        me.items.append((
            String(decoding: UnsafeRawBufferPointer(start: key, count: keyLength), as: UTF8.self),
            String(decoding: UnsafeRawBufferPointer(start: value, count: valueLength), as: UTF8.self)))
    }
}

/// Xapian's version, e.g. "1.4.22".
public var xapianVersion: String { String(cString: cx_xapian_version()) }

/// Test hook: makes the shim raise a Xapian error of class `xapianClass` (e.g.
/// "DatabaseLockError", "bad_alloc", "int") and report it like any failure, so tests can check
/// that every error family reaches Swift typed. Visible to this package only.
package func raiseInShimForTesting(_ xapianClass: String) throws(XapianError) {
    try check("test hook") { cx_test_raise(xapianClass, $0) }
}
