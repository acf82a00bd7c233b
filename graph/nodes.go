package graph

// Node is any node of the resolved graph: *Entity, *Meeting, *Event,
// *Statement or *Source.
type Node interface {
	NodeID() ID
	NodeKind() NodeKind
}

var (
	_ Node = (*Entity)(nil)
	_ Node = (*Meeting)(nil)
	_ Node = (*Event)(nil)
	_ Node = (*Statement)(nil)
	_ Node = (*Source)(nil)
)

// NodeID implements Node.
func (e *Entity) NodeID() ID { return e.ID }

// NodeKind implements Node.
func (e *Entity) NodeKind() NodeKind { return KindEntity }

// NodeID implements Node.
func (m *Meeting) NodeID() ID { return m.ID }

// NodeKind implements Node.
func (m *Meeting) NodeKind() NodeKind { return KindMeeting }

// NodeID implements Node.
func (e *Event) NodeID() ID { return e.ID }

// NodeKind implements Node.
func (e *Event) NodeKind() NodeKind { return KindEvent }

// NodeID implements Node.
func (s *Statement) NodeID() ID { return s.ID }

// NodeKind implements Node.
func (s *Statement) NodeKind() NodeKind { return KindStatement }

// NodeID implements Node.
func (s *Source) NodeID() ID { return s.ID }

// NodeKind implements Node.
func (s *Source) NodeKind() NodeKind { return KindSource }
