// Sets declared through `macro_rules!`: rustc hands a fragment (`$vis`, `$v:expr`, `$t:ty`,
// `$m:meta`) to the derive wrapped in a group without delimiters, which it reads through;
// in a value, such a group is one operand, as if in parentheses.
use permissions::PermissionSet;

macro_rules! tox {
    ($(#[$meta:meta])* $vis:vis $name:ident, $doc:expr, $view:expr, $bit:literal) => {
        $(#[$meta])*
        #[derive(PermissionSet)]
        #[permissions(bits = u16, set = ToxPermissions)]
        $vis enum $name {
            #[doc = $doc]
            #[permission(value = 0x0001, bypass)]
            Administrator,
            #[permission(value = $view)]
            ViewSettings,
            // `1 << 8` read as one operand: (1 << 8) << 1.
            #[permission(value = $view << 1)]
            ManageSettings,
            #[permission(bit = $bit)]
            ViewPublicLogs,
        }
    };
}

tox!(
    /// Tox Mod's rights, declared by a macro.
    pub ToxPermission,
    "Grants all permissions",
    1 << 8,
    1
);

macro_rules! newtype {
    ($vis:vis $name:ident($bits:ty), $table:literal) => {
        #[derive(PermissionSet)]
        #[permissions(markdown_str = $table)]
        $vis struct $name($bits);
    };
}

newtype!(
    pub GuildToxPermissions(u16),
    "| Permission | Value |\n|---|---|\n| ADMINISTRATOR | 0x0001 |\n| VIEW_SETTINGS | 0x0100 |"
);

fn main() {
    assert_eq!(ToxPermissions::VIEW_SETTINGS.bits(), 0x0100);
    assert_eq!(ToxPermissions::MANAGE_SETTINGS.bits(), 0x0200);
    assert_eq!(ToxPermissions::VIEW_PUBLIC_LOGS.bits(), 0x0002);
    assert_eq!(ToxPermissions::BYPASS, ToxPermissions::ADMINISTRATOR);
    assert_eq!(ToxPermission::Administrator.description(), "Grants all permissions");
    assert_eq!(GuildToxPermissions::VIEW_SETTINGS.bits(), 0x0100);
}
