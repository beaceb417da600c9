import XapianStore
/// placeholder
public enum SearchError: Error { case store(XapianError) }
