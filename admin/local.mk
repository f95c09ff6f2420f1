# admin: targets added by this folder
