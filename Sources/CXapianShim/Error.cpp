// The one exception translator, modelled on xapian-bindings' generic/except.i: rethrow the
// exception in flight and classify it by Xapian error family (not by exact class name:
// DatabaseNotFoundError is a DatabaseOpeningError, and both mean "no index there").
#include "ShimInternal.hpp"

#include <cerrno>
#include <new>
#include <stdexcept>

namespace {

char *dup(const std::string &s) {
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p) std::memcpy(p, s.c_str(), s.size() + 1);
    return p;
}

int fill(cx_error *error, int code, const std::string &type, const std::string &message,
         const char *system_error = nullptr) {
    if (error) {
        error->code = code;
        error->type = dup(type);
        error->message = dup(message);
        error->system_error = system_error ? dup(system_error) : nullptr;
    }
    return code;
}

int fill(cx_error *error, int code, const Xapian::Error &e) {
    std::string message = e.get_msg();
    if (!e.get_context().empty()) message += " (" + e.get_context() + ")";
    return fill(error, code, e.get_type(), message, e.get_error_string());
}

}  // namespace

int cxshim::translate_current_exception(cx_error *error) noexcept {
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return fill(error, CX_ERR_DATABASE_LOCKED, e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return fill(error, CX_ERR_DATABASE_CORRUPT, e);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return fill(error, CX_ERR_DATABASE_MODIFIED, e);
    } catch (const Xapian::DatabaseVersionError &e) {
        return fill(error, CX_ERR_DATABASE_VERSION, e);
    } catch (const Xapian::DatabaseOpeningError &e) {  // includes DatabaseNotFoundError
        return fill(error, CX_ERR_DATABASE_NOT_FOUND, e);
    } catch (const Xapian::DatabaseError &e) {
        return fill(error, CX_ERR_DATABASE, e);
    } catch (const Xapian::QueryParserError &e) {
        return fill(error, CX_ERR_QUERY_PARSE, e);
    } catch (const Xapian::WildcardError &e) {
        return fill(error, CX_ERR_WILDCARD, e);
    } catch (const Xapian::InvalidArgumentError &e) {
        return fill(error, CX_ERR_INVALID_ARGUMENT, e);
    } catch (const Xapian::InvalidOperationError &e) {
        return fill(error, CX_ERR_INVALID_ARGUMENT, e);
    } catch (const Xapian::UnimplementedError &e) {
        return fill(error, CX_ERR_INVALID_ARGUMENT, e);
    } catch (const Xapian::RangeError &e) {
        return fill(error, CX_ERR_NOT_FOUND, e);
    } catch (const Xapian::DocNotFoundError &e) {
        return fill(error, CX_ERR_NOT_FOUND, e);
    } catch (const Xapian::NetworkError &e) {  // includes NetworkTimeoutError
        return fill(error, CX_ERR_NETWORK, e);
    } catch (const Xapian::Error &e) {
        return fill(error, CX_ERR_OTHER, e);
    } catch (const cxshim::MatchTimedOut &e) {
        return fill(error, CX_ERR_TIMED_OUT, "MatchTimedOut", e.what());
    } catch (const std::bad_alloc &) {
        return fill(error, CX_ERR_OUT_OF_MEMORY, "std::bad_alloc", "out of memory");
    } catch (const std::exception &e) {
        return fill(error, CX_ERR_OTHER, "std::exception", e.what());
    } catch (...) {
        return fill(error, CX_ERR_OTHER, "unknown", "an unknown C++ exception was thrown");
    }
}

void cxshim::copy_out(const std::string &value, char **out, size_t *out_length) {
    char *p = static_cast<char *>(std::malloc(value.size() + 1));
    if (!p) throw std::bad_alloc();
    std::memcpy(p, value.data(), value.size());
    p[value.size()] = '\0';
    *out = p;
    if (out_length) *out_length = value.size();
}

extern "C" void cx_error_clear(cx_error *error) noexcept {
    if (!error) return;
    std::free(error->type);
    std::free(error->message);
    std::free(error->system_error);
    error->type = nullptr;
    error->message = nullptr;
    error->system_error = nullptr;
    error->code = CX_OK;
}

extern "C" void cx_free(void *pointer) noexcept { std::free(pointer); }

extern "C" const char *cx_xapian_version(void) noexcept { return Xapian::version_string(); }

extern "C" int cx_test_raise(const char *xapian_class, cx_error *error) noexcept {
    CX_GUARD(error, {
        std::string name = xapian_class ? xapian_class : "";
        const std::string msg = "raised by cx_test_raise";
        // "Class/ENOSPC", "Class/EACCES", ...: the error carries that errno, as Xapian's I/O errors do.
        int code = 0;
        if (auto slash = name.find('/'); slash != std::string::npos) {
            const std::string number = name.substr(slash + 1);
            code = number == "ENOSPC" ? ENOSPC : number == "EACCES" ? EACCES : number == "EROFS" ? EROFS : 0;
            name.resize(slash);
        }
        if (name == "DatabaseCreateError") throw Xapian::DatabaseCreateError(msg, code);
        if (name == "DatabaseNotFoundError") throw Xapian::DatabaseNotFoundError(msg);
        if (name == "DatabaseOpeningError") throw Xapian::DatabaseOpeningError(msg);
        // Xapian's own words for an index another writer holds (the lock error of a lock file
        // that cannot be created says why instead; see XapianError.classifying).
        if (name == "DatabaseLockError") throw Xapian::DatabaseLockError("Unable to get write lock on test: already locked");
        if (name == "DatabaseCorruptError") throw Xapian::DatabaseCorruptError(msg);
        if (name == "DatabaseModifiedError") throw Xapian::DatabaseModifiedError(msg);
        if (name == "DatabaseVersionError") throw Xapian::DatabaseVersionError(msg);
        if (name == "DatabaseError") throw Xapian::DatabaseError(msg, code);
        if (name == "QueryParserError") throw Xapian::QueryParserError(msg);
        if (name == "WildcardError") throw Xapian::WildcardError(msg);
        if (name == "InvalidArgumentError") throw Xapian::InvalidArgumentError(msg);
        if (name == "InvalidOperationError") throw Xapian::InvalidOperationError(msg);
        if (name == "RangeError") throw Xapian::RangeError(msg);
        if (name == "DocNotFoundError") throw Xapian::DocNotFoundError(msg);
        if (name == "NetworkError") throw Xapian::NetworkError(msg);
        if (name == "NetworkTimeoutError") throw Xapian::NetworkTimeoutError(msg);
        if (name == "bad_alloc") throw std::bad_alloc();
        if (name == "runtime_error") throw std::runtime_error(msg);
        if (name == "int") throw 42;
    })
}
