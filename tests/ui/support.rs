// Shared by the `#[requires]` ui cases: the Tox Mod table, a session, an error type.
use permissions::{Denied, HasPermissions, PermissionSet};

#[derive(PermissionSet)]
#[permissions(bits = u16, set = ToxPermissions, default = SEND_MESSAGES)]
pub enum ToxPermission {
    /// Grants all permissons
    #[permission(value = 0x0001, bypass)]
    Administrator,
    /// Allows viewing any action logged in a public channel
    #[permission(value = 0x0002)]
    ViewPublicLogs,
    /// Allows viewing settings for the guild
    #[permission(value = 0x0100)]
    ViewSettings,
    /// Allows Sending Messages and Executing Base Level Commands
    #[permission(value = 0x0112, composite)]
    SendMessages,
    /// Allows modifying settings for the guild
    #[permission(value = 0x0200)]
    ManageSettings,
}

#[derive(PermissionSet)]
#[permissions(bits = u32, set = GuildPermissions)]
pub enum GuildPermission {
    /// Allows the user to ban members
    #[permission(bit = 19)]
    BanMembers,
}

pub struct Session(pub ToxPermissions);

impl HasPermissions for Session {
    type Set = ToxPermissions;
    fn permissions(&self) -> ToxPermissions {
        self.0
    }
}

#[derive(Debug)]
pub struct ApiError;

impl From<Denied<ToxPermissions>> for ApiError {
    fn from(_: Denied<ToxPermissions>) -> Self {
        ApiError
    }
}
