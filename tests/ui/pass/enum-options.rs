// Every row and container option of the enum form, together.
use permissions::{PermissionSet, RowKind};

#[derive(PermissionSet)]
#[permissions(bits = u128, set = Everything, default = Low | HIGH)]
pub enum Row {
    /// A bit far up.
    #[permission(bit = 127)]
    High,
    #[permission(value = 0x1)]
    Low,
    Auto,
    #[permission(implies(Low, Auto))]
    Both,
    #[permission(value = 0x3, composite, name = "LOW_AND_NEXT")]
    Covering,
    #[permission(bit = 100, bypass)]
    Root,
}

fn main() {
    assert_eq!(Everything::HIGH.bits(), 1 << 127);
    // Bits 0 and 1 are taken by LOW and LOW_AND_NEXT, so the rows without values take 2 and 3.
    assert_eq!(Everything::AUTO.bits(), 0b100);
    assert_eq!(Everything::BOTH.bits(), 0b1000 | 0b100 | 0b1);
    assert_eq!(Everything::LOW_AND_NEXT.bits(), 0b11);
    assert_eq!(Everything::DEFAULT, Everything::LOW | Everything::HIGH);
    assert_eq!(Everything::BYPASS, Everything::ROOT);
    assert_eq!(Everything::row("LOW_AND_NEXT").map(|r| r.kind()), Some(RowKind::Composite));
    assert_eq!(Row::ALL.len(), 6);
}
