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

// Every key's value as a fragment: a type, an expression, paths, literals.
macro_rules! keys {
    ($name:ident, $bits:ty, $default:expr, $bypass:path, $view:path, $also:expr) => {
        #[derive(PermissionSet)]
        #[permissions(bits = $bits, set = KeyedPermissions, default = $default | $also, bypass = $bypass)]
        pub enum $name {
            #[permission(value = 0x0001)]
            Administrator,
            #[permission(value = 0x0100)]
            ViewSettings,
            #[permission(value = 0x0200, implies($view))]
            ManageSettings,
            #[permission(bit = 1)]
            ViewPublicLogs,
        }
    };
}

keys!(
    Keyed,
    u16,
    VIEW_SETTINGS | MANAGE_SETTINGS,
    ADMINISTRATOR,
    ViewSettings,
    VIEW_PUBLIC_LOGS
);

macro_rules! columns {
    ($name:ident, $header:literal, $row:path, $implied:path) => {
        #[derive(PermissionSet)]
        #[permissions(
            markdown_str = "| Right | Value |\n|---|---|\n| ADMINISTRATOR | 0x0001 |\n| VIEW_SETTINGS | 0x0100 |",
            columns(name = $header),
            implies($row = $implied)
        )]
        pub struct $name(u16);
    };
}

columns!(ColumnToxPermissions, "Right", ADMINISTRATOR, VIEW_SETTINGS);

fn main() {
    let _: u16 = KeyedPermissions::DEFAULT.bits();
    assert_eq!(
        KeyedPermissions::DEFAULT.bits(),
        0x0100 | 0x0200 | 0x0002
    );
    assert_eq!(KeyedPermissions::BYPASS, KeyedPermissions::ADMINISTRATOR);
    assert!(KeyedPermissions::MANAGE_SETTINGS.grants(KeyedPermissions::VIEW_SETTINGS));
    assert!(!KeyedPermissions::VIEW_SETTINGS.grants(KeyedPermissions::MANAGE_SETTINGS));
    assert!(ColumnToxPermissions::ADMINISTRATOR.grants(ColumnToxPermissions::VIEW_SETTINGS));
    assert_eq!(ColumnToxPermissions::VIEW_SETTINGS.bits(), 0x0100);

    assert_eq!(ToxPermissions::VIEW_SETTINGS.bits(), 0x0100);
    assert_eq!(ToxPermissions::MANAGE_SETTINGS.bits(), 0x0200);
    assert_eq!(ToxPermissions::VIEW_PUBLIC_LOGS.bits(), 0x0002);
    assert_eq!(ToxPermissions::BYPASS, ToxPermissions::ADMINISTRATOR);
    assert_eq!(ToxPermission::Administrator.description(), "Grants all permissions");
    assert_eq!(GuildToxPermissions::VIEW_SETTINGS.bits(), 0x0100);
}
