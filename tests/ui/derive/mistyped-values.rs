use permissions::PermissionSet;

// A string where a name goes, a name where a string goes, a value on a flag, `=` where a list
// goes, a lower-case constant, a trailing `|`, a shift where a bit number goes: one error each,
// on the value, with the fix.
#[derive(PermissionSet)]
#[permissions(bits = u16, set = "ToxPermissions", default = "SEND_MESSAGES", serde = decimal)]
pub enum ToxPermission {
    #[permission(value = 0x0112, composite = true)]
    SendMessages,
    #[permission(implies = SendMessages)]
    ViewSettings,
    #[permission(name = "manage_settings")]
    ManageSettings,
    #[permission(bit = 1 << 3)]
    ViewPublicLogs,
}

#[derive(PermissionSet)]
#[permissions(bits = u16, crate = permissions, default = SEND_MESSAGES |)]
pub enum Other {
    SendMessages,
}

fn main() {}
