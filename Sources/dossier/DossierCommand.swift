import ArgumentParser

@main
struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dossier", abstract: "placeholder")
}
