use permissions::PermissionSet;

#[allow(non_camel_case_types)]
#[derive(PermissionSet)]
enum GuildPermission {
    #[permission(bit = 30)]
    ViewAuditLogs,
    #[permission(bit = 29)]
    VIEW_AUDIT_LOGS,
    #[permission(bit = 28, name = "VIEW_AUDIT_LOGS")]
    ManageGuild,
}

fn main() {}
