/// The last `capacity` values appended, oldest first; appending is O(1) (a ring, no shifting).
/// Inlinable: used from other modules (the admin's feed), an unspecialized `append` looked up
/// its element type's metadata on every call.
public struct BoundedHistory<Element> {
    @usableFromInline var storage: [Element] = []
    @usableFromInline var next = 0
    public let capacity: Int

    @inlinable
    public init(capacity: Int) { self.capacity = capacity }

    @inlinable
    public mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[next] = element
            next = (next + 1) % capacity
        }
    }

    @inlinable
    public var elements: [Element] { Array(storage[next...] + storage[..<next]) }
}
extension BoundedHistory: Sendable where Element: Sendable {}
