# cgi: targets added by this folder
