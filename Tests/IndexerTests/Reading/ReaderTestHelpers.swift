import Foundation
import NewsModel
@testable import Indexer

/// A `SourceFile` from text, named as a user would name it.
func source(_ text: String, path: String) -> SourceFile {
    SourceFile(path: path, identity: path, data: Data(text.utf8))
}

/// A `SourceFile` from raw bytes.
func source(bytes: [UInt8], path: String) -> SourceFile {
    SourceFile(path: path, identity: path, data: Data(bytes))
}

/// The passages as (kind, text) pairs, for compact exact assertions.
func shape(_ article: Article) -> [String] {
    article.passages.map { "\($0.number) \($0.kind.rawValue) L\($0.line): \($0.text)" }
}

/// Reads `file` and returns the thrown `IndexerError`, or nil if reading succeeded.
func readError(_ reader: any ArticleReader, _ file: SourceFile) -> IndexerError? {
    do { _ = try reader.read(file); return nil } catch { return error }
}
