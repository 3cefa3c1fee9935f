/// The last `capacity` values appended, oldest first; appending is O(1) (a ring, no shifting).
struct BoundedHistory<Element> {
    private var storage: [Element] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[next] = element
            next = (next + 1) % capacity
        }
    }

    var elements: [Element] { Array(storage[next...] + storage[..<next]) }
}
