/// The last `capacity` values appended, oldest first; appending is O(1) (a ring, no shifting).
public struct BoundedHistory<Element> {
    private var storage: [Element] = []
    private var next = 0
    public let capacity: Int

    public init(capacity: Int) { self.capacity = capacity }

    public mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[next] = element
            next = (next + 1) % capacity
        }
    }

    public var elements: [Element] { Array(storage[next...] + storage[..<next]) }
}
extension BoundedHistory: Sendable where Element: Sendable {}
