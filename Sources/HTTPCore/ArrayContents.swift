extension Array {
    /// Makes `elements` the array's whole contents, keeping its storage when it is unique. When
    /// they are as many as it holds (a keep-alive client repeating a request, or its set of
    /// fields) they are copied over the old ones in place, without resizing the array.
    @inline(__always)
    mutating func replaceContents(with elements: UnsafeBufferPointer<Element>) {
        if count == elements.count {
            withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: elements) }
        } else {
            replaceSubrange(indices, with: elements)
        }
    }
}
