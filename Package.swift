// swift-tools-version:6.0
// Dossier: passage-level full-text search for news, on Xapian.
//
// Module map (one responsibility each):
//   CXapianShim  C++ over libxapian behind a plain-C header; every exception caught there.
//   NewsModel    the plain vocabulary, no dependencies: articles, passages, actor types and
//                tags, calendar dates, the slug rule. Every other module imports it.
//   Output       the output vocabulary every front end shares, no dependencies: the output
//                formats and the subset each kind of result accepts, `format_version` and the
//                one JSON style, and the error categories that exit codes and statuses follow.
//   XapianStore  the only Swift module that imports the shim: handle owners, XapianError,
//                the index schema and the passage record stored in each document.
//   Tagger       the learned name tagger (features, averaged perceptron, model file); no index.
//   Indexer      articles on disk -> passages -> actor/date tags -> Xapian documents.
//   Search       queries, filters, ranking, facets, snippets and the export writers.
//   Server       `dossier serve`: the JSON API and the web page over Search (Hummingbird 2).
//   dossier      the command-line tool (swift-argument-parser); thin.
//   TestSupport  helpers shared by the test targets (temporary indexes, fixture paths).
import PackageDescription

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierSearch", targets: ["Search"]),
        .library(name: "DossierIndexer", targets: ["Indexer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // `dossier serve`'s HTTP server.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Tests only: an independent CSV reader proves the exports parse back field for field.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    ],
    targets: [
        .target(
            name: "CXapianShim",
            linkerSettings: [.linkedLibrary("xapian")]
        ),
        .target(name: "NewsModel"),
        .target(name: "Output"),
        .target(name: "XapianStore", dependencies: ["CXapianShim", "NewsModel", "Output"]),
        // zlib, to read gzipped inputs such as Reuters-21578's `reut2-000.sgm.gz`.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libxml2's error-recovering HTML parser, for saved news pages.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // The tagger: the learned name labeller (features, model, training) and the rules
        // after it (canonical names, coreference, acronyms, gazetteer types, dates); no Xapian,
        // no index, only NewsModel's vocabulary.
        .target(
            name: "Tagger", dependencies: ["NewsModel"],
            exclude: ["Resources/README.md"],
            resources: [
                .copy("Resources/name-model.dstg"), .copy("Resources/gazetteer.json"), .copy("Resources/countries.json"),
                .copy("Resources/places.json"), .copy("Resources/common-words.txt"),
            ]),
        .executableTarget(
            name: "dossier-train-tagger",
            dependencies: ["Tagger", "Indexer", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Measures the tagger's speed and model load in a release build (scripts/measure-tagging.sh).
        .executableTarget(name: "dossier-measure-tagging", dependencies: ["Tagger", "Indexer", "NewsModel"]),
        .target(
            name: "Indexer",
            dependencies: [
                "NewsModel", "Output", "XapianStore", "Tagger", "CZlib", "CLibXML2",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "Search", dependencies: ["NewsModel", "Output", "XapianStore"]),
        .target(
            name: "Server",
            dependencies: [
                "NewsModel", "Output", "Search",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("WebPage")]
        ),
        .executableTarget(
            name: "dossier",
            dependencies: [
                "NewsModel", "Output", "Indexer", "Search", "Server", "Tagger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["NewsModel", "Indexer", "Search", "XapianStore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NewsModelTests", dependencies: ["NewsModel"]),
        .testTarget(name: "OutputTests", dependencies: ["Output"]),
        .testTarget(name: "XapianStoreTests", dependencies: ["NewsModel", "XapianStore", "TestSupport"]),
        .testTarget(name: "TaggerTests", dependencies: ["NewsModel", "Tagger", "Indexer", "TestSupport"]),
        .testTarget(name: "IndexerTests", dependencies: ["NewsModel", "Output", "Indexer", "Tagger", "TestSupport"]),
        .testTarget(
            name: "SearchTests",
            dependencies: ["NewsModel", "Output", "XapianStore", "Search", "Indexer", "Tagger", "TestSupport", .product(name: "CSV", package: "CSV.swift")]),
        .testTarget(
            name: "CLITests", dependencies: ["TestSupport", .product(name: "CSV", package: "CSV.swift")]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Output", "Search", "Indexer", "Tagger", "TestSupport",
                .product(name: "CSV", package: "CSV.swift"),
            ]),
    ],
    cxxLanguageStandard: .cxx17
)
