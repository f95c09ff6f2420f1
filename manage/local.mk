# targets added by this folder
